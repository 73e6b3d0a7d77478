import { usePgliteTemplate } from '@app/platform/testing';

usePgliteTemplate();
